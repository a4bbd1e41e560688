"""The digest engine: pure functions from documents to a cited digest. No gRPC here."""
