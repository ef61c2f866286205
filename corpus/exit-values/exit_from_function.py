# exitlab-case: {"modes": ["pipe"], "argv": ["add", "2", "x"], "note": "sys.exit deep inside helpers called from main"}
import sys

def parse_number(text):
    try:
        return int(text)
    except ValueError:
        print(f"not a number: {text!r}", file=sys.stderr)
        sys.exit(2)

def command_add(args):
    return sum(parse_number(a) for a in args)

def main(argv):
    command, *rest = argv
    if command == "add":
        print(command_add(rest))
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
