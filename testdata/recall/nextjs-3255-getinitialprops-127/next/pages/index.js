import React from "react";
import fetch from "isomorphic-unfetch";

export default class State extends React.Component {
  static async getInitialProps({ query }) {
    const res = await fetch(`http://127.0.0.1:4000/state/${query.id || "Dadd3"}`);
    return { state: await res.json() };
  }

  render() {
    return <pre>{JSON.stringify(this.props.state)}</pre>;
  }
}
