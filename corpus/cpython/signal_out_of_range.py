# exitlab-case: {"modes": ["pipe"], "note": "signal number 4242 is rejected with ValueError by getsignal, signal and strsignal; the last one is uncaught: status 1"}
# from: Lib/test/test_signal.py PosixTests.test_out_of_range_signal_number_raises_error
import signal

for name, call in (("getsignal", lambda: signal.getsignal(4242)),
                   ("signal", lambda: signal.signal(4242, print))):
    try:
        call()
    except ValueError as e:
        print(name, "raised ValueError:", e)
print("now strsignal(4242), uncaught", flush=True)
signal.strsignal(4242)
