// Placeholder until the case format lands.
