"""Executes a notebook with nbclient, keeping outputs that arrive after the kernel says "idle".

Usage: python3 _execute_notebook.py IN.ipynb OUT.ipynb KERNEL_NAME TIMEOUT_SECONDS

Deno's Jupyter kernel can publish a cell's result just after its "idle" status message;
nbclient stops listening at "idle", so such outputs were dropped at random (a few cells per
run, seen with Deno 2.9 and nbclient 0.7). This client keeps listening for a short grace period
after "idle" and adds late outputs of the same cell. Errors do not stop the run: every cell is
executed and the caller inspects the outputs for errors.
"""
import asyncio
import os
import queue
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async

GRACE_SECONDS = 0.2


class LateOutputClient(NotebookClient):
    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=GRACE_SECONDS))
            except (queue.Empty, asyncio.TimeoutError, TimeoutError):
                return
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass


def main(src, dst, kernel_name, timeout):
    nb = nbformat.read(src, as_version=4)
    client = LateOutputClient(
        nb,
        kernel_name=kernel_name,
        timeout=int(timeout),
        allow_errors=True,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}},
    )
    client.execute()
    nbformat.write(nb, dst)


if __name__ == "__main__":
    main(*sys.argv[1:5])
