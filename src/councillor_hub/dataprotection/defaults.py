"""The built-in privacy notice text (seeded by a migration; administrators change it in
the admin)."""

DEFAULT_PRIVACY_NOTICE = """\
## Who we are
{councillor_name} is a councillor for {ward} ward on {council_name}. When you ask \
{councillor_name} for help, they are the data controller for the personal information you \
give them. This notice explains what they do with it.

## What we collect
Your name and contact details, the details of the issue you raise, and anything you choose \
to tell us about your circumstances. If you tell us about your health or other sensitive \
matters, we use that only to help with your case.

## Why we use it
To take up your issue with the council or another organisation on your behalf and to keep \
you informed. The law allows this because it is in the public interest and is part of a \
councillor's work as your elected representative.

## Who we share it with
Only the people who need it to resolve your issue, such as council services, and the \
councillor's delegates and ward colleagues where you agree. We never sell your information.

## How long we keep it
We keep your casework for {retention_years} years after your case closes, then delete it or \
remove the details that identify you.

## Your rights
You can ask for a copy of the information we hold about you, ask us to correct it, or ask \
us to delete it. Contact {councillor_name} at {contact_email}. If you are unhappy with how \
we handle your information, you can complain to the Information Commissioner's Office \
(ico.org.uk).
"""
