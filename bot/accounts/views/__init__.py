"""Account screens: the registration steps, the profile, the home menu and help."""
