"""Back-ends: the template model rendered as ARM JSON and as Bicep."""
