package io.keyhold.sessions;

class TokenLookupsH2Test extends TokenLookupsTests {}
