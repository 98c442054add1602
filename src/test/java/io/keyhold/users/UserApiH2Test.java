package io.keyhold.users;

class UserApiH2Test extends UserApiTests {}
