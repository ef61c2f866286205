"""Exit Lab's process emulation, running inside Pyodide.

Imported once when the memory snapshot is made; `run.main()` is called once
per interpreter, for the one program that interpreter lives for. Nothing here
talks to JavaScript at import time: the host module `_exitlab_host` only
exists in the interpreter that runs the program.
"""
