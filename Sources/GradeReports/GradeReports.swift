// Placeholder until the report writers land.
