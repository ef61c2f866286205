# exitlab-case: {"modes": ["pipe"], "note": "raising SystemExit(47), here through a subclass, exits silently with status 47"}
# from: Lib/test/test_sys.py SysModuleTest.test_exit (raise SystemExit(47))
class Finished(SystemExit):
    pass

def main():
    print("raising Finished(47)")
    raise Finished(47)

try:
    main()
finally:
    print("finally runs")
