"""Every change of state in the communities, by sub-domain: membership, posting, moderation,
notifying, resources."""
