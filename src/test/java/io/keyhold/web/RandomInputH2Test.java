package io.keyhold.web;

class RandomInputH2Test extends RandomInputTests {}
