# exitlab-case: {"modes": ["pipe"], "note": "an exception in an except block: implicit chaining"}
values = [1, 0]
try:
    print(values[0] / values[1])
except ZeroDivisionError:
    print("handling division by zero")
    print(values[2])
