"""A stand-in for systemd's notification socket: binds a unix datagram socket
at argv[1] and prints each message it receives as one line (fields joined by
';'), closing the barrier fds systemd-notify passes so that it returns."""
import array
import os
import socket
import sys

path = sys.argv[1]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
print("bound", flush=True)
while True:
    msg, anc, _flags, _addr = sock.recvmsg(4096, socket.CMSG_SPACE(16 * 4))
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(data[: len(data) - len(data) % 4])
            for fd in fds:
                os.close(fd)
    print(msg.decode().replace("\n", ";"), flush=True)
