"""xAPI: learning records as statements, their queue, and sending them to an LRS."""
