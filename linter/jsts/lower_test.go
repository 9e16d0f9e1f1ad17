package jsts

import (
	"strings"
	"testing"
)

// TestLower pins the lowering of each TypeScript and JSX form: the output
// has the input's length and offsets, and tdewolff's parser reads it.
func TestLower(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"let a: Map<string, number[]> = new Map<string, number[]>()",
			"let a                        = new Map                  ()"},
		{"function f<T extends object = {}>(this: Window, x?: T, ...r: string[]): x is T { return g<T>(x)! }",
			"function f                       (              x    , ...r          )         { return g   (x)  }"},
		{"interface I extends J<K> { a: string; b(): void }",
			";                                                "},
		{"type U = { [K in keyof T]?: T[K] } | ((x: number) => void)",
			";                                                         "},
		{"declare module \"m\" { export const x: number }",
			";                                            "},
		{"enum E { A = \"http://localhost:3000\", B }",
			";                                        "},
		{"import type { T } from \"t\"; import { type A, b } from \"c\"",
			";                           import {         b } from \"c\""},
		{"export type { X } from \"y\"",
			";                         "},
		{"import fs = require(\"fs\")",
			"const  fs = require(\"fs\")"},
		{"class C<T> extends B<T> implements I, J { private readonly x?: string; static y = 1; constructor(public z: number) { super() } m(): void; m(a?: any) {} abstract n(): void; declare w: number; [k: string]: any }",
			"class C    extends B                    {                  x         ; static y = 1; constructor(       z        ) { super() } ;          m(a      ) {} ;                   ;                  ;                }"},
		{"export class AppModule { @Input() name: string; constructor(@Inject(X) private x: X) {} }",
			"export class AppModule {          name        ; constructor(                   x   ) {} }"},
		{"const v = x as unknown as string, w = y satisfies Z, n = o!.p!",
			"const v = x                     , w = y            , n = o .p "},
		{"const arrow = async <T,>(a: T): Promise<T> => a",
			"const arrow = async     (a   )             => a"},
		{"const el = <div className=\"x\" onClick={() => go(\"http://localhost\")} {...rest}>hi {name} <b/></div>",
			"const el = [             ,\"x\"        , () => go(\"http://localhost\")  ,...rest ,   ,name, [ ],]     "},
		{"const frag = <><A a={1} /><B>{c ? <C/> : null}</B></>",
			"const frag = [,[   , 1  ],[ ,,c ? [ ]  : null,],  ]  "},
		{"await using r = open()",
			"      const r = open()"},
		{"export = main()",
			";        main()"},
		{"@Module({ imports: [Db.forRoot({ host: \"localhost\" })] })\nexport class AppModule {}",
			";Module({ imports: [Db.forRoot({ host: \"localhost\" })] })\nexport class AppModule {}"},
		{"@A() class B {}",
			"     class B {}"},
		{"function f(a: string): void;\nfunction f(a) { return a }",
			";                           \nfunction f(a) { return a }"},
		{"const f = (\n  a: number\n): Promise<\n  void\n> => g(a)",
			"const f = (\n  a        \n)                    => g(a)"},
		{"x = a < b && c > d; y = f<string>(z); w = a < b > (c)",
			"x = a < b && c > d; y = f        (z); w = a       (c)"},
		{"class A {\n  @Column({ type: \"text\" })\n  text: string\n  @Get() x() {}\n  constructor(@Inject(X) private r: R) {}\n}",
			"class A {\n ;[Column({ type: \"text\" })]; text;       \n         x() {}\n  constructor(                   r   ) {}\n}"},
		{"class B { @Input()\nname }",
			"class B {         \nname }"},
		// From a review against esbuild: comparisons, bodies read as code,
		// line breaks that end statements, import forms, contextual words.
		{"f(a < 'b', c >= 'd')",
			"f(a < 'b', c >= 'd')"},
		{"namespace N { export const r = /'/ }",
			";                                   "},
		{"enum E { A = 'a'.replace(/'/, '') }",
			";                                  "},
		{"declare const x: number\n[1, 'x'].forEach(f)",
			";                      \n[1, 'x'].forEach(f)"},
		{"x = a ? (b) : c => d",
			"x = a ? (b) : c => d"},
		{"x = a ? (b): c => d : e",
			"x = a ? (b)    => d : e"},
		{"class A {\n  handler = () => {\n    f('x')\n  }\n  @Input()\n  name: string\n}",
			"class A {\n  handler = () => {\n    f('x')\n  }\n ;[Input()]; name;       \n}"},
		{"const m = await /x/.exec('s')",
			"const m = await /x/.exec('s')"},
		{"export import fs = require('fs')",
			"       const  fs = require('fs')"},
		{"import type fs = require('fs')",
			";                             "},
		{"import j from './a.json' assert { type: 'json' }",
			"import j from './a.json'                        "},
		{"const f = async => async",
			"const f = async => async"},
		{"o = { get\n a() { return 'x' } }",
			"o = { get\n a() { return 'x' } }"},
		{"let x = a satisfies T\n[0]",
			"let x = a           ;\n[0]"},
		{"const f = (): void => {}\n('x')",
			"const f = ()       => {};('x')"},
		{"for (const c of a) using instanceof Object",
			"for (const c of a) using instanceof Object"},
		{"import { type as } from 'y'",
			"import {         } from 'y'"},
		{"import { type as as, b } from 'z'",
			"import { type as as, b } from 'z'"},
		{"import { type as x } from 'w'",
			"import { type as x } from 'w'"},
		{"import { type as as y, c } from 'v'",
			"import {               c } from 'v'"},
		{"const a = <div data-1x=\"a\" aria-label={b}>c</div>",
			"const a = [           ,\"a\"           , b , ]     "},
	} {
		got, err := lower([]byte(c.in), true, true)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
		if _, err := parseBuf(got); err != nil {
			t.Errorf("%q: the lowered code does not parse: %v", c.in, err)
		}
	}
}

// TestLowerTypeScriptOnly: in a .ts file "<T>x" is a cast; in .js and
// .jsx files types are not read, and TypeScript's syntax fails.
func TestLowerTypeScriptOnly(t *testing.T) {
	got, err := lower([]byte("const a = <string>b"), true, false)
	if err != nil || string(got) != "const a =         b" {
		t.Errorf("cast: %q, %v", got, err)
	}
	if _, err := lower([]byte("let a: string = b"), false, true); err == nil {
		t.Error("a type annotation lowered as JavaScript")
	}
	got, err = lower([]byte("const a = <b>{c}</b>"), false, true)
	if err != nil || string(got) != "const a = [ ,,c,]   " {
		t.Errorf("JSX in JavaScript: %q, %v", got, err)
	}
}

// TestLowerErrors: input that is not TypeScript fails with the offset of
// the token that stopped it, also when nested deeply or unterminated.
func TestLowerErrors(t *testing.T) {
	for _, src := range []string{
		"let a = (",
		"const s = 'unterminated\n'",
		"<div>text",
		"type = = 1",
		strings.Repeat("(", 5000) + "a" + strings.Repeat(")", 5000),
		strings.Repeat("{a: ", 3000),
	} {
		if _, err := lower([]byte(src), true, true); err == nil {
			t.Errorf("%.40q: lowered without error", src)
		}
	}
}

// FuzzLower: any input lowers or fails cleanly; a lowering keeps the
// length and every byte but the ones it blanks or replaces by the
// punctuation and keywords of its rewrites, and its output parses or
// fails cleanly.
func FuzzLower(f *testing.F) {
	for _, s := range []string{
		"let a: Map<string, number[]> = new Map<string, number[]>()",
		"class C<T> extends B<T> implements I { private x?: string; constructor(public z: number) { super() } }",
		"@Module({ imports: [Db.forRoot({ host: \"localhost\" })] })\nexport class AppModule {}",
		"const el = <div className=\"x\" onClick={() => go(\"http://localhost\")} {...rest}>hi {name} <b/></div>",
		"const f = (\n  a: number\n): Promise<\n  void\n> => g(a)",
		"await using r = open(); export = main(); import fs = require('fs')",
		"type U = { [K in keyof T]?: T[K] } | ((x: number) => void)\nenum E { A = 1 }",
	} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, src string, mode int) {
		ts, jsx := mode&1 == 0, mode&2 == 0
		out, err := lower([]byte(src), ts, jsx)
		if err != nil {
			return
		}
		if len(out) != len(src) {
			t.Fatalf("length %d, want %d", len(out), len(src))
		}
		for i := range out {
			if out[i] != src[i] && !strings.ContainsRune(" ;[],const", rune(out[i])) {
				t.Fatalf("byte %d: %q became %q", i, src[i], out[i])
			}
		}
		parseBuf(out)
	})
}
