"""The template model shared by both front-ends and both back-ends."""
