# exitlab-case: {"modes": ["pipe", "tty"], "stdin": "3\n4\n", "note": "sum numbers until EOF; the EOFError message differs by mode"}
total = 0
while True:
    try:
        line = input()
    except EOFError as e:
        print("EOFError:", repr(str(e)))
        break
    total += int(line)
print("total", total)
