# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "start and join a thread (no threads in the WebAssembly engine)"}
import threading

results = []

def work(n):
    results.append(n * n)

t = threading.Thread(target=work, args=(7,))
t.start()
t.join()
print("results", results)
