"""The typed values the check stage hands to compose: the plan, the report, and their table arithmetic."""
