"""Community endpoints: spaces, threads, posts, membership and moderation."""
