// Shared assertion helpers.
