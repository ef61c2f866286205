# exitlab-case: {"modes": ["pipe", "tty"], "note": "a write bigger than the 8 KiB text chunk goes out at once; the small lines after it stay buffered and a pipe loses them. (How many of 600 small lines leave before os._exit depends on TextIOWrapper's chunking, which changed between CPython 3.11 and 3.14, so this case avoids that boundary.)"}
import os
import sys

sys.stdout.write("header " + "=" * 9993 + "\n")  # 10001 bytes: larger than the chunk
for i in range(100):
    print(f"record {i:04d} " + "x" * 20)  # 3300 bytes: still buffered in a pipe
os._exit(0)
