"""A fake liftsys_dowhy for fault injection: same command line, same protocol, scripted misbehaviour."""
