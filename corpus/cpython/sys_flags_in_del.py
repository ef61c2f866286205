# exitlab-case: {"modes": ["pipe"], "note": "sys.flags and sys.float_info are still intact in a __del__ that runs at shutdown"}
# from: Lib/test/test_sys.py SysModuleTest.test_issue20602
import sys

class Late:
    def __del__(self, sys=sys):
        print("in __del__:", type(sys.flags).__name__, "radix", sys.float_info.radix)

late = Late()
print("main done")
