package io.keyhold.requests;

class RandomInputH2Test extends RandomInputTests {}
