package org.xapicenter;
public final class Main { public static void main(String[] a) { } }
