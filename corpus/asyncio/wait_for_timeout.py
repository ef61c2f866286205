# exitlab-case: {"modes": ["pipe"], "note": "asyncio.wait_for timing out; TimeoutError caught, exception from a task uncaught gives status 1"}
import asyncio

async def slow():
    try:
        await asyncio.sleep(1)
    finally:
        print("slow cleaned up")

async def failing():
    await asyncio.sleep(0.01)
    raise RuntimeError("task failed")

async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.05)
    except asyncio.TimeoutError:
        print("timed out")
    await asyncio.create_task(failing())

asyncio.run(main())
