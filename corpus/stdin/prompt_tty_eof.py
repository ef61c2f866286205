# exitlab-case: {"modes": ["pipe", "tty"], "stdin": "y\n", "note": "a confirmation loop that ends at EOF; on a terminal the prompts land on stderr"}
answers = []
while True:
    try:
        answer = input("Continue? [y/n] ")
    except EOFError:
        print()
        print("no more answers")
        break
    answers.append(answer)
print("answers:", answers)
