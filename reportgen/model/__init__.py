"""The typed values the check stage hands to compose: the plan, the report, the evaluated figures, their arithmetic."""
