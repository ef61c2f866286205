# exitlab-case: {"modes": ["pipe"], "note": "sys.exit inside a coroutine leaves asyncio.run; pending tasks are cancelled; status 3"}
import asyncio
import sys

async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        print("worker finally")

async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.01)
    print("main calls sys.exit(3)")
    sys.exit(3)

try:
    asyncio.run(main())
finally:
    print("outer finally")
