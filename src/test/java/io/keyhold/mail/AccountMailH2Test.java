package io.keyhold.mail;

class AccountMailH2Test extends AccountMailTests {}
