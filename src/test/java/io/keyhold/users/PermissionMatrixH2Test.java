package io.keyhold.users;

class PermissionMatrixH2Test extends PermissionMatrixTests {}
