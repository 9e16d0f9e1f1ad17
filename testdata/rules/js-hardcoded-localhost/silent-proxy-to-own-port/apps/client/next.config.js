module.exports = {
  output: 'standalone',
  async rewrites() {
    return [{ source: '/api/v1/:path*', destination: 'http://localhost:5003/api/v1/:path*' }];
  },
};
