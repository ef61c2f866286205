# exitlab-case: {"modes": ["pipe"], "note": "asyncio.run with gather: results in order"}
import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"fetched {name}")
    return len(name)

async def main():
    sizes = await asyncio.gather(fetch("alpha", 0.03), fetch("be", 0.01), fetch("gam", 0.02))
    print("sizes", sizes)
    return sum(sizes)

print("result", asyncio.run(main()))
