# exitlab-case: {"modes": ["pipe", "tty"], "stdin": "Ada\n36\n", "note": "prompts: in a pipe they go to stdout; on a terminal input() writes them to stderr"}
name = input("Name: ")
age = int(input("Age: "))
if age < 0:
    raise SystemExit("age must be positive")
print(f"Hello {name}, next year you will be {age + 1}.")
