import type { Bilingual } from '../../model/instrument.ts';
import { FORM_LANGUAGES, type FormOutline, type OutlineNode } from './instrument-outline.ts';

// The instrument as an ODK XForm (ODK XForms 1.0, https://getodk.github.io/xforms-spec/), what ODK Central serves
// to ODK Collect and Enketo: one primary instance, a secondary instance per choice list (so the cascade is an
// itemset filtered by the parent's answer), binds for types, required answers and consent, and every text as an
// itext translation per language. Laid out as pyxform lays out what it compiles from the XLSForm, so the two
// generated forms give submissions with the same names and group paths.

const ROOT = 'data';

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!,
  );

interface Text {
  id: string;
  text: Bilingual;
}

/** Walks the outline once, collecting the pieces each part of the XForm needs. */
class XFormParts {
  readonly texts: Text[] = [];
  readonly binds: string[] = [];
  readonly paths = new Map<string, string>();

  label(id: string, text: Bilingual | undefined, element: 'label' | 'hint'): string {
    if (!text) return '';
    this.texts.push({ id, text });
    return `<${element} ref="jr:itext('${id}')"/>`;
  }

  /** The primary instance's element and the body control of a node (and of its children). */
  node(node: OutlineNode, parent: string): { instance: string; body: string } {
    const path = `${parent}/${node.name}`;
    this.paths.set(node.name, path);
    const label = this.label(`${path}:label`, node.label, 'label');
    if (node.kind === 'group') {
      const relevant = node.relevant
        ? ` relevant="${escapeXml(`${this.paths.get(node.relevant.question)} = '${node.relevant.equals}'`)}"`
        : '';
      if (relevant) this.binds.push(`<bind nodeset="${path}"${relevant}/>`);
      const children = node.children.map((child) => this.node(child, path));
      const appearance = node.fieldList ? ' appearance="field-list"' : '';
      return {
        instance: `<${node.name}>${children.map((c) => c.instance).join('')}</${node.name}>`,
        body: `<group ref="${path}"${appearance}>${label}${children.map((c) => c.body).join('')}</group>`,
      };
    }
    const instance = `<${node.name}/>`;
    if (node.kind === 'note') {
      this.binds.push(`<bind nodeset="${path}" readonly="true()" type="string"/>`);
      return { instance, body: `<input ref="${path}">${label}</input>` };
    }
    const required = node.required ? ' required="true()"' : '';
    const hint = this.label(`${path}:hint`, node.hint, 'hint');
    if (node.kind === 'date') {
      this.binds.push(`<bind nodeset="${path}" type="date"${required}/>`);
      return { instance, body: `<input ref="${path}">${label}${hint}</input>` };
    }
    this.binds.push(`<bind nodeset="${path}" type="string"${required}/>`);
    const filter = node.filter ? `[${node.filter.column}= ${this.paths.get(node.filter.question)} ]` : '';
    const itemset =
      `<itemset nodeset="${escapeXml(`instance('${node.list}')/root/item${filter}`)}">` +
      '<value ref="name"/><label ref="jr:itext(itextId)"/></itemset>';
    return { instance, body: `<select1 ref="${path}">${label}${hint}${itemset}</select1>` };
  }
}

/** The XForm XML of the outline. */
export function toXForm(outline: FormOutline): string {
  const parts = new XFormParts();
  const nodes = outline.nodes.map((node) => parts.node(node, `/${ROOT}`));
  parts.binds.push(
    `<bind nodeset="/${ROOT}/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>`,
  );

  const secondary = outline.lists.map((list) => {
    const items = list.choices.map((choice, i) => {
      const itextId = `${list.name}-${i}`;
      parts.texts.push({ id: itextId, text: choice.label });
      const filters = list.filterColumns
        .map((column) => `<${column}>${escapeXml(choice.filters[column] ?? '')}</${column}>`)
        .join('');
      return `<item><itextId>${itextId}</itextId><name>${escapeXml(choice.name)}</name>${filters}</item>`;
    });
    return `<instance id="${list.name}"><root>${items.join('')}</root></instance>`;
  });

  const translations = FORM_LANGUAGES.map((language, i) => {
    const texts = parts.texts
      .map((t) => `<text id="${escapeXml(t.id)}"><value>${escapeXml(t.text[language.key])}</value></text>`)
      .join('\n');
    const isDefault = i === 0 ? ' default="true()"' : '';
    return `<translation lang="${language.name}"${isDefault}>\n${texts}\n</translation>`;
  });

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"' +
      ' xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms"' +
      ' xmlns:orx="http://openrosa.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
    '<h:head>',
    `<h:title>${escapeXml(outline.title.uk)}</h:title>`,
    '<model odk:xforms-version="1.0.0">',
    `<itext>\n${translations.join('\n')}\n</itext>`,
    `<instance><${ROOT} id="${escapeXml(outline.formId)}" version="${escapeXml(outline.version)}">` +
      `${nodes.map((n) => n.instance).join('')}<meta><instanceID/></meta></${ROOT}></instance>`,
    ...secondary,
    ...parts.binds,
    '</model>',
    '</h:head>',
    `<h:body>${nodes.map((n) => n.body).join('\n')}</h:body>`,
    '</h:html>',
    '',
  ].join('\n');
}
