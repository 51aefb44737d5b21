"""Webhook endpoints, signed deliveries of the event feed, and the attempts log."""
