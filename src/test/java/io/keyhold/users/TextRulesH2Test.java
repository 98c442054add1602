package io.keyhold.users;

class TextRulesH2Test extends TextRulesTests {}
