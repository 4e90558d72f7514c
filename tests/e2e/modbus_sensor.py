"""A temperature and humidity sensor on Modbus TCP (pymodbus), as a machine room's TH sensor answers.

Holding registers 0 and 1 hold temperature and relative humidity in tenths (235 = 23.5 ℃); input
registers 0 and 1 mirror the start values. A test changes a reading the way an engineer would on a
bench: by writing the register over Modbus (function 6).

Usage: python modbus_sensor.py PORT [TEMPERATURE_TENTHS HUMIDITY_TENTHS]
"""
import asyncio
import sys

from pymodbus.server import StartAsyncTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice


async def main(port, temperature, humidity):
    registers = [SimData(address=0, values=[temperature, humidity], datatype=DataType.REGISTERS)]
    device = SimDevice(id=0, simdata=([SimData(address=0, values=[False], datatype=DataType.BITS)],
                                      [SimData(address=0, values=[False], datatype=DataType.BITS)],
                                      registers, [SimData(address=0, values=[temperature, humidity], datatype=DataType.REGISTERS)]))
    await StartAsyncTcpServer(context=device, address=("127.0.0.1", port))


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    asyncio.run(main(args[0], *(args[1:3] if len(args) >= 3 else (235, 480))))
