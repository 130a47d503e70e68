# The page logs in with the identity the server signed (GET /api/identity).
from twt_py import Chat, Customer


async def main():
    response = await window.fetch("/api/identity")
    data = await response.json()
    customer = Customer(
        sbs=str(data.sbs), sbs_mm=str(data.sbs_mm), ranstr=str(data.ranstr), name=str(data.name)
    )
    Chat.login(customer)
    info = await Chat.ready(timeout=10)
    log("logged-in", customer.sbs, info.version)
    done()


spawn(main())
