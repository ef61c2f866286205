# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGINT", "after": "serving"}], "note": "SIGINT cancels the main task (CancelledError inside), then KeyboardInterrupt: 130"}
import asyncio

async def main():
    try:
        print("serving", flush=True)
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("main task cancelled")
        raise
    finally:
        print("main finally")

try:
    asyncio.run(main())
finally:
    print("after asyncio.run")
