# exitlab-case: {"modes": ["pipe"], "note": "a suspended generator is closed at exit: its finally runs"}
def reader():
    try:
        for i in range(10):
            yield i
    finally:
        print("generator finally: closing the file")

gen = reader()
print(next(gen), next(gen))
print("script ends with the generator suspended")
