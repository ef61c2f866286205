# exitlab-case: {"modes": ["pipe"], "note": "asyncio.run with gather: results in order (delays 50 ms apart, so a busy machine keeps their order)"}
import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"fetched {name}")
    return len(name)

async def main():
    sizes = await asyncio.gather(fetch("alpha", 0.15), fetch("be", 0.05), fetch("gam", 0.1))
    print("sizes", sizes)
    return sum(sizes)

print("result", asyncio.run(main()))
