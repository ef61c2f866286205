# exitlab-case: {"modes": ["pipe"], "note": "a script that does not compile: nothing runs, SyntaxError (with a hint) as the last stderr line, status 1"}
# from: Lib/test/test_cmd_line_script.py CmdLineTest.test_syntaxerror_unindented_caret_position
print("never printed: the file does not compile")
1 + 1 = 2
