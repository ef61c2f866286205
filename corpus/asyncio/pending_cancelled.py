# exitlab-case: {"modes": ["pipe"], "note": "asyncio.run cancels tasks still pending when main returns; their finally runs"}
import asyncio

async def heartbeat():
    try:
        while True:
            await asyncio.sleep(0.01)
    except asyncio.CancelledError:
        print("heartbeat cancelled")
        raise
    finally:
        print("heartbeat finally")

async def main():
    asyncio.create_task(heartbeat())
    await asyncio.sleep(0.05)
    print("main returns")

asyncio.run(main())
print("after asyncio.run")
