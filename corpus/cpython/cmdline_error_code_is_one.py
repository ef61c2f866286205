# exitlab-case: {"modes": ["pipe", "tty"], "argv": ["test1", "test2", "test3"], "note": "a bare uncaught ValueError under __main__ gives status 1 and 'ValueError' as the last stderr line"}
# from: Lib/test/test_cmd_line_script.py CmdLineTest.test_dash_m_error_code_is_one
import sys

def main(args):
    print("arguments:", args)
    raise ValueError

if __name__ == "__main__":
    main(sys.argv[1:])
