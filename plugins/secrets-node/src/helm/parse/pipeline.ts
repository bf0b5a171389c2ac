/* Parses a tokenized action into a pipeline of commands. */

import { Pipeline, Command, Expr, TemplateError } from './ast';
import { Tok, tokenize } from './tokens';

class ExprParser {
  private pos = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly line: number,
    private readonly vars: string[],
  ) {}

  parsePipeline(source: string, context: string, allowDecl = 2): Pipeline {
    const decl: string[] = [];
    let assign = false;
    // variable declaration: $x := ..., $k, $v := ..., $x = ...
    let p = 0;
    const names: string[] = [];
    while (
      this.toks[p]?.k === 'var' &&
      (this.toks[p] as { path: string[] }).path.length === 0
    ) {
      names.push((this.toks[p] as { v: string }).v);
      p++;
      const t = this.toks[p];
      if (t?.k === 'punct' && t.v === ',' && names.length < allowDecl) {
        p++;
        continue;
      }
      break;
    }
    const op = this.toks[p];
    if (names.length && op?.k === 'punct' && (op.v === ':=' || op.v === '=')) {
      if (names.length > 1 && context !== 'range')
        throw new TemplateError('too many declarations in command', this.line);
      assign = op.v === '=';
      decl.push(...names);
      this.pos = p + 1;
      // as in Go, the names are in scope for the rest of the pipeline already, and an
      // assignment to an undeclared variable fails when it runs, not here
      for (const n of names) if (!this.vars.includes(n)) this.vars.push(n);
    }
    if (this.pos >= this.toks.length)
      throw new TemplateError(`missing value for ${context}`, this.line);
    const commands = this.parseCommands();
    if (this.pos < this.toks.length) {
      const t = this.toks[this.pos];
      throw new TemplateError(
        `unexpected ${t.k === 'punct' ? `"${t.v}"` : 'token'} in ${context}`,
        this.line,
      );
    }
    return { decl, assign, commands, source };
  }

  private parseCommands(): Command[] {
    const commands: Command[] = [this.parseCommand()];
    while (this.peekPunct('|')) {
      this.pos++;
      commands.push(this.parseCommand());
    }
    // a pipeline may not start with a constant piped into something else
    for (let i = 1; i < commands.length; i++) {
      const first = commands[i].args[0];
      if (
        ['string', 'number', 'bool', 'nil'].includes(first.type) &&
        commands[i].args.length === 1
      ) {
        throw new TemplateError(
          `non executable command in pipeline stage ${i + 1}`,
          this.line,
        );
      }
    }
    return commands;
  }

  private peekPunct(v: string) {
    const t = this.toks[this.pos];
    return t?.k === 'punct' && t.v === v;
  }

  private parseCommand(): Command {
    const args: Expr[] = [];
    while (
      this.pos < this.toks.length &&
      !this.peekPunct('|') &&
      !this.peekPunct(')')
    ) {
      if (this.peekPunct(',') || this.peekPunct(':=') || this.peekPunct('='))
        throw new TemplateError(
          `unexpected "${(this.toks[this.pos] as { v: string }).v}" in operand`,
          this.line,
        );
      args.push(this.parseOperand());
    }
    if (!args.length)
      throw new TemplateError('missing value for command', this.line);
    return { args };
  }

  private parseOperand(): Expr {
    const t = this.toks[this.pos++];
    switch (t.k) {
      case 'str':
        return { type: 'string', value: t.v };
      case 'num':
        return { type: 'number', value: t.v };
      case 'field':
        return { type: 'field', path: t.v };
      case 'var':
        if (!this.vars.includes(t.v))
          throw new TemplateError(`undefined variable "${t.v}"`, this.line);
        return { type: 'variable', name: t.v, path: t.path };
      case 'ident':
        if (t.v === 'true' || t.v === 'false')
          return { type: 'bool', value: t.v === 'true' };
        if (t.v === 'nil') return { type: 'nil' };
        return { type: 'identifier', name: t.v };
      case 'punct':
        if (t.v === '(') {
          if (this.peekPunct(')'))
            throw new TemplateError(
              'missing value for parenthesized pipeline',
              this.line,
            );
          const commands = this.parseCommands();
          if (!this.peekPunct(')'))
            throw new TemplateError('unclosed left paren', this.line);
          this.pos++;
          const inner: Expr = {
            type: 'pipeline',
            pipeline: { decl: [], assign: false, commands, source: '' },
          };
          const next = this.toks[this.pos];
          if (next?.k === 'chain') {
            this.pos++;
            return { type: 'chain', expr: inner, path: next.v };
          }
          return inner;
        }
        throw new TemplateError(`unexpected "${t.v}" in operand`, this.line);
      default:
        throw new TemplateError('unexpected token in operand', this.line);
    }
  }
}

/** Parses the text of one action as a pipeline. */
export function parsePipelineText(
  text: string,
  line: number,
  vars: string[] = ['$'],
  context = 'command',
): Pipeline {
  return new ExprParser(tokenize(text, line), line, vars).parsePipeline(
    text.trim(),
    context,
    context === 'range' ? 2 : 1,
  );
}
