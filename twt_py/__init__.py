"""twt-py: the TWT Chat customer-service widget, controlled from Python in the browser."""

from ._runtime import RuntimeInfo, runtime

__version__ = "0.1.0"

__all__ = ["RuntimeInfo", "__version__", "runtime"]
