package io.keyhold.sessions;

class OwnSessionsH2Test extends OwnSessionsTests {}
