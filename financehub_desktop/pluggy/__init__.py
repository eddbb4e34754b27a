"""The Pluggy API: async httpx client, pydantic wire models, errors, pagination, retry, rate limit, webhook payloads."""
