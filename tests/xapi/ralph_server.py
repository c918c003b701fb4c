"""Start a Ralph LRS (filesystem backend) for the tests: ``python ralph_server.py PORT``.

Run by the interpreter of the separate ``.venv-lrs`` (Ralph's pinned dependencies never meet
ours). Ralph's filesystem backend keeps only the first statement unless its default
operation is APPEND, which must be set in this process before the server starts.
Environment: RALPH_APP_DIR (auth.json) and RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
